"""Flask extensions, created unbound and initialised by create_app."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

babel = Babel()
compress = Compress()
csrf = CSRFProtect()
# No default limits: routes opt in with @limiter.limit, storage comes from RATELIMIT_STORAGE_URI.
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
