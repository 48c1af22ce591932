from . import hotline_portal_code
from . import hotline_portal_rate
from . import hotline_ticket
