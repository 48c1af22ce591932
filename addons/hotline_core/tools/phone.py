# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CZ-1: phone numbers are stored in E.164 (+8613812345678, +861065123456).

Chinese callers give mobiles (11 digits), landlines with an area code (010-65123456,
0571 8888 7777) and sometimes a leading +86 / 0086. Numbers without an area code cannot be
told apart from short service numbers, so a landline needs its area code unless a default
area code is configured (``hotline.default_area_code``).
"""
import functools

import phonenumbers

DEFAULT_REGION = 'CN'


class PhoneError(ValueError):
    """The text is not a phone number that can be dialled."""


@functools.lru_cache(maxsize=4096)
def normalize_phone(number, region=DEFAULT_REGION, default_area_code=None):
    """Return ``number`` in E.164, or raise PhoneError with the reason.

    Empty input returns False so that optional fields stay empty. Results are kept for
    the last 4,096 numbers (issue 19: a registration normalises the caller's number three
    to four times — request, lookup, profile; the parse costs about 0.15 ms); a number
    that raises is parsed again each time.
    """
    if not number or not number.strip():
        return False
    raw = number.strip()
    digits = ''.join(c for c in raw if c.isdigit() or c == '+')
    if digits.startswith('00'):
        digits = '+' + digits[2:]
    if (default_area_code and not digits.startswith(('+', '0', '1'))
            and 7 <= len(digits) <= 8):
        digits = '0' + default_area_code.lstrip('0') + digits
    try:
        parsed = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        raise PhoneError(raw)
    if not phonenumbers.is_valid_number(parsed):
        raise PhoneError(raw)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """Whether a normalised number is a Chinese mobile (+861 and 10 more digits)."""
    return bool(e164) and e164.startswith('+861') and len(e164) == 14


def phone_variants(number):
    """Forms of ``number`` worth looking up when the input may not be normalisable."""
    try:
        normalized = normalize_phone(number)
    except PhoneError:
        return [number.strip()] if number else []
    return [normalized] if normalized else []
