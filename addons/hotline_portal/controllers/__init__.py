from . import http_json
from . import main
from . import portal
from . import api
from . import wechat
from . import gateway
from . import open311
