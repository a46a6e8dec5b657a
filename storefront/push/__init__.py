"""Web push: a phone's subscription to news about one order or one alert, and the sending
of those notifications through the outbox (once each, like mail)."""
