from . import hotline_portal_rate
from . import hotline_ticket
from . import hotline_portal_announcement
from . import hotline_portal_phone
from . import hotline_portal_client
from . import website
from . import hotline_wechat_binding
from . import hotline_emergency
