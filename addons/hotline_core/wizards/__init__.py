from . import hotline_blacklist_import
from . import hotline_ticket_not_accept
