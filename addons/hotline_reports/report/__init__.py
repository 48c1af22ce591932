from . import hotline_ticket_report
from . import hotline_assignment_report
from . import hotline_call_measure_mixin
from . import hotline_call_report
from . import hotline_call_stat
from . import hotline_agent_state_report
from . import hotline_work_report
from . import hotline_reports_xlsx
