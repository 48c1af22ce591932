from . import test_sms_queue
from . import test_sms_gateway
from . import test_sms_inbound
from . import test_sms_dispatch
from . import test_sms_i18n
