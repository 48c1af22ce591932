from . import test_sms_queue
