# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-11: the request-status IVR behind the FastAGI server.

The caller keys the request number (digits of 12345-YYYYMMDD-NNNNN) and a password (the last
four digits of the contact phone), and hears the state, spoken in Mandarin by a TTS file
(espeak-ng, cached per text) — or, when no TTS is installed, the dialplan variable
HOTLINE_IVR_TEXT carries the sentence for the PBX's own TTS."""
import audioop
import hashlib
import logging
import os
import shutil
import subprocess
import wave

_logger = logging.getLogger(__name__)

PROMPT_NUMBER = 'hotline/ivr-enter-number'      # recorded prompts on the PBX (docs/asterisk)
PROMPT_PASSWORD = 'hotline/ivr-enter-password'
PROMPT_GOODBYE = 'hotline/ivr-goodbye'
PROMPT_AGENT_NUMBER = 'hotline/agent-number'


def _to_8khz(source, target):
    """espeak-ng writes 22.05 kHz; Asterisk's ``.wav`` format is 8 kHz 16-bit mono."""
    with wave.open(source, 'rb') as src:
        params = src.getparams()
        frames = src.readframes(params.nframes)
    if params.nchannels == 2:
        frames = audioop.tomono(frames, params.sampwidth, 0.5, 0.5)
    if params.sampwidth != 2:
        frames = audioop.lin2lin(frames, params.sampwidth, 2)
    frames, _state = audioop.ratecv(frames, 2, 1, params.framerate, 8000, None)
    with wave.open(target + '.part', 'wb') as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(frames)
    os.replace(target + '.part', target)


def tts_file(text, folder, voice='cmn'):
    """A cached 8 kHz WAV of ``text`` (path without extension, as STREAM FILE wants), or None
    when espeak-ng is not installed."""
    binary = shutil.which('espeak-ng')
    if not binary or not folder:
        return None
    os.makedirs(folder, exist_ok=True)
    base = os.path.join(folder, hashlib.sha1(text.encode('utf-8')).hexdigest())
    if not os.path.exists(base + '.wav'):
        tmp = base + '.tmp.wav'
        subprocess.run([binary, '-v', voice, '-s', '150', '-w', tmp, text], check=True,
                       timeout=20, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _to_8khz(tmp, base + '.wav')
        os.remove(tmp)
    return base


def ivr_status(session, lookup, tts_folder=None):
    """Run the dialogue; ``lookup(number, password)`` → sentence to say."""
    session.answer()
    number = session.get_data(PROMPT_NUMBER)
    password = session.get_data(PROMPT_PASSWORD, max_digits=4)
    text = lookup(number or '', password or '')
    session.set_variable('HOTLINE_IVR_TEXT', text)
    path = tts_file(text, tts_folder)
    if path:
        session.stream_file(path)
    session.stream_file(PROMPT_GOODBYE)
    session.hangup()
    return text


def voicemail(session, create):
    """After VoiceMail(): ``create(uniqueid, caller_number)`` makes the call-back request
    (none for a blacklisted caller: HOTLINE_TICKET is then empty)."""
    ticket = create(session.env.get('agi_uniqueid', ''), session.env.get('agi_callerid', ''))
    session.set_variable('HOTLINE_TICKET', ticket.name or '')
    return ticket


def announce_agent(session):
    """AG-13: Queue()'s AGI argument, on the caller's channel once an agent answered: "agent
    number" and the digits of MEMBERNAME (queues.conf ``setinterfacevar``). Returns the
    digits said."""
    digits = ''.join(c for c in session.get_variable('MEMBERNAME') if c.isdigit())
    session.stream_file(PROMPT_AGENT_NUMBER)
    if digits:
        session.say_digits(digits)
    return digits


def agi_dispatch(session, env, folder):
    """AG-11: ``agi://odoo:4573/ivr_status`` or ``agi://odoo:4573/voicemail``; AG-13:
    ``agi://odoo:4573/announce_agent``."""
    script = session.env.get('agi_network_script', '')
    if script.startswith('announce_agent'):
        return announce_agent(session)
    Call = env['hotline.cti.call']
    if script.startswith('voicemail'):
        return voicemail(session, Call._cti_voicemail)
    return ivr_status(session, Call._cti_ivr_lookup, folder)


def ivr_handler(registry, lang='zh_CN'):
    """The FastAGI handler of the CLI: one transaction per call."""
    import odoo
    from odoo import SUPERUSER_ID, api
    folder = os.path.join(odoo.tools.config['data_dir'], 'hotline_cti_tts')

    def handler(session):
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {'lang': lang})
            agi_dispatch(session, env, folder)
    return handler
