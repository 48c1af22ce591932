from . import test_portal_dispatch
from . import test_portal_dispatch_i18n
from . import test_portal_rating
