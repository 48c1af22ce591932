from . import hotline_kpi_result
