"""The phone app layer: the web app manifest, the service worker and the offline page."""
