"""The Flask extensions, created here unbound and bound in `caseapp.app`."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from caseapp.db import Base

# A database error's message would otherwise quote the values it was given (names, quotes, notes),
# and such messages reach the server log.
db = SQLAlchemy(model_class=Base, engine_options={"hide_parameters": True})
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
