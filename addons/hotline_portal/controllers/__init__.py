from . import main
from . import portal
from . import api
