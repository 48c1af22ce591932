#!/usr/bin/env python3
"""IF-2, IF-4: a partner system (e.g. the 110 platform) pushes a case to the 12345 hotline's
gateway, queries its status and reports progress (docs/API-portal.md §5).

    python examples/portal_gateway_client.py --url http://localhost:8069 \
        --username police110 --password s3cret --key <base64 key> [--cipher aes_gcm|des]

Needs `requests` and `cryptography` only (no Odoo).
"""
import argparse
import base64
import json
import os
import time
import uuid

import requests
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def encrypt(cipher, key, data, aad):
    if cipher == 'des':
        padder = padding.PKCS7(64).padder()
        padded = padder.update(data) + padder.finalize()
        enc = Cipher(algorithms.TripleDES(key * 3), modes.CBC(key)).encryptor()
        return base64.b64encode(enc.update(padded) + enc.finalize()).decode()
    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, data, aad)).decode()


def decrypt(cipher, key, payload, aad):
    raw = base64.b64decode(payload)
    if cipher == 'des':
        dec = Cipher(algorithms.TripleDES(key * 3), modes.CBC(key)).decryptor()
        unpadder = padding.PKCS7(64).unpadder()
        return unpadder.update(dec.update(raw) + dec.finalize()) + unpadder.finalize()
    return AESGCM(key).decrypt(raw[:12], raw[12:], aad)


def call(args, action, data):
    key = base64.b64decode(args.key)
    timestamp, nonce = int(time.time()), uuid.uuid4().hex
    aad = ('%s|%s|%s' % (args.username, timestamp, nonce)).encode()
    body = {'username': args.username, 'password': args.password, 'timestamp': timestamp,
            'nonce': nonce, 'payload': encrypt(args.cipher, key, json.dumps(data).encode(), aad)}
    response = requests.post('%s/api/hotline/gateway/v1/%s' % (args.url, action), json=body,
                             timeout=30)
    answer = response.json()
    if response.status_code != 200:
        raise SystemExit('%s refused (%s): %s' % (action, response.status_code, answer['error']))
    return json.loads(decrypt(args.cipher, key, answer['payload'], aad))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--username', required=True)
    parser.add_argument('--password', required=True)
    parser.add_argument('--key', required=True, help='Base64 shared key')
    parser.add_argument('--cipher', choices=['aes_gcm', 'des'], default='aes_gcm')
    args = parser.parse_args()
    case = call(args, 'push', {'title': '幸福路夜市占道经营', 'content': '110转来非警务警情。',
                               'contact_name': '刘先生', 'contact_phone': '13500001111'})
    print('pushed', case['name'])
    status = call(args, 'status', {'number': case['name']})
    print('status', status['state_label'], len(status['steps']), 'steps')
    call(args, 'progress', {'number': case['name'], 'note': '民警已到场劝离'})
    print('progress reported')


if __name__ == '__main__':
    main()
