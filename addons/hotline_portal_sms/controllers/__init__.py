from . import main
from . import wechat
