from . import sms_text
from . import hotline_sms_gateway
from . import hotline_sms_message
from . import hotline_sms_message_send
from . import hotline_sms_message_receive
from . import hotline_sms_template
from . import hotline_ticket
from . import hotline_ticket_assignment
