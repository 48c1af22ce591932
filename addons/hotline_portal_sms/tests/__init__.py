from . import test_portal_sms
from . import test_portal_sms_i18n
