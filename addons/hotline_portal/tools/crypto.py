# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Ciphers of the channels (CH-10) and of the partner-system gateway (IF-2), on the
``cryptography`` package.

- WeChat official-account "safe mode": AES-256-CBC, key = base64(EncodingAESKey + "="),
  IV = first 16 bytes of the key, PKCS#7 padding to 32-byte blocks; the plaintext is
  16 random bytes + 4-byte big-endian length + message + AppID; signatures are
  SHA-1 over the sorted strings.
- Gateway: AES-256-GCM (12-byte nonce prefixed, tag appended, associated data binds the
  envelope) — recommended; DES-CBC with PKCS#5 padding and IV = key, Base64 — the
  legacy format of the seed's interface spec (single DES is TripleDES with K1=K2=K3).
"""
import base64
import hashlib
import os
import socket
import struct
import warnings

from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


class CryptoError(Exception):
    """A payload that cannot be authenticated or decrypted."""


def sha1_signature(*parts):
    """WeChat: sha1 of the sorted strings, concatenated."""
    return hashlib.sha1(''.join(sorted(str(p) for p in parts)).encode('utf-8')).hexdigest()


# ---------------------------------------------------------------------- WeChat safe mode
class WeChatCrypto(object):

    def __init__(self, encoding_aes_key, app_id):
        if len(encoding_aes_key or '') != 43:
            raise CryptoError('EncodingAESKey must be 43 characters')
        self.key = base64.b64decode(encoding_aes_key + '=')
        self.app_id = app_id

    def _cipher(self):
        return Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16]),
                      backend=default_backend())

    def encrypt(self, text, random_bytes=None):
        data = text.encode('utf-8')
        plain = (random_bytes or os.urandom(16)) + struct.pack('I', socket.htonl(len(data))) \
            + data + self.app_id.encode('utf-8')
        pad = 32 - len(plain) % 32
        plain += bytes([pad]) * pad
        encryptor = self._cipher().encryptor()
        return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode('ascii')

    def decrypt(self, encrypted):
        try:
            raw = base64.b64decode(encrypted)
            decryptor = self._cipher().decryptor()
            plain = decryptor.update(raw) + decryptor.finalize()
            pad = plain[-1]
            if not 1 <= pad <= 32:
                raise CryptoError('bad padding')
            plain = plain[16:-pad]
            length = socket.ntohl(struct.unpack('I', plain[:4])[0])
            message, app_id = plain[4:4 + length], plain[4 + length:]
        except (ValueError, TypeError, IndexError, struct.error) as error:
            raise CryptoError(str(error))
        if app_id.decode('utf-8', 'replace') != self.app_id:
            raise CryptoError('the message is for another AppID')
        return message.decode('utf-8')


# ---------------------------------------------------------------------- gateway
def aes_gcm_encrypt(key, data, aad):
    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, data, aad)).decode('ascii')


def aes_gcm_decrypt(key, payload, aad):
    try:
        raw = base64.b64decode(payload, validate=True)
        return AESGCM(key).decrypt(raw[:12], raw[12:], aad)
    except Exception as error:  # InvalidTag, binascii.Error, ValueError
        raise CryptoError('cannot decrypt: %s' % error.__class__.__name__)


def _des(key):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return Cipher(algorithms.TripleDES(key * 3), modes.CBC(key), backend=default_backend())


def des_encrypt(key, data):
    padder = padding.PKCS7(64).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = _des(key).encryptor()
    return base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode('ascii')


def des_decrypt(key, payload):
    try:
        raw = base64.b64decode(payload, validate=True)
        decryptor = _des(key).decryptor()
        padded = decryptor.update(raw) + decryptor.finalize()
        unpadder = padding.PKCS7(64).unpadder()
        return unpadder.update(padded) + unpadder.finalize()
    except Exception as error:  # binascii.Error, ValueError (padding, block length)
        raise CryptoError('cannot decrypt: %s' % error.__class__.__name__)
