from . import hotline_kpi_assess
from . import hotline_kpi_note
from . import hotline_report_export
