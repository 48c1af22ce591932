from . import sms_text
from . import hotline_sms_gateway
from . import hotline_sms_message
