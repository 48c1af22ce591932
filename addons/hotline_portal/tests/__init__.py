from . import test_portal_submit
from . import test_portal_track
from . import test_portal_security
from . import test_portal_public
from . import test_portal_mail
from . import test_portal_i18n
