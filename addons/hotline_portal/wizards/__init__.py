from . import hotline_portal_photo_redact
