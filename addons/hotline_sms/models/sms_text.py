# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-1: how many SMS parts a text takes (3GPP TS 23.038 / 23.040).

A text in the GSM 7-bit default alphabet takes 160 characters in one SMS, 153 per part when
concatenated (the user data header takes 7 septets); the characters of the extension table
count twice. Any other character (Chinese) switches the whole text to UCS-2: 70 characters in
one SMS, 67 per part. Characters outside the Basic Multilingual Plane take two UCS-2 units.
"""
GSM7_BASIC = (
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
)
GSM7_EXTENDED = '^{}\\[~]|€\f'


def sms_coding(text):
    """'gsm7' when every character is in the GSM 7-bit alphabet, else 'ucs2'."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text):
        return 'gsm7'
    return 'ucs2'


def sms_parts(text):
    """(coding, units, parts) of ``text``; an empty text takes 0 parts."""
    if not text:
        return 'gsm7', 0, 0
    coding = sms_coding(text)
    if coding == 'gsm7':
        units = sum(2 if c in GSM7_EXTENDED else 1 for c in text)
        single, multi = 160, 153
    else:
        units = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
        single, multi = 70, 67
    if units <= single:
        return coding, units, 1
    return coding, units, -(-units // multi)
