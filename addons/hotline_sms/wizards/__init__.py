from . import hotline_sms_compose
