from . import test_portal_submit
