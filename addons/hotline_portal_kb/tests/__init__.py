from . import test_portal_kb
from . import test_portal_kb_i18n
