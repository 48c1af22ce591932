from . import test_sms_queue
from . import test_sms_gateway
