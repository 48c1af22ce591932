from . import hotline_portal_type_unit
from . import hotline_ticket
