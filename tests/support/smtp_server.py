#!/usr/bin/python3
"""A real SMTP server for the notification tests (Debian's python3-aiosmtpd) on 127.0.0.1.

Every message received is stored in FOLDER as NNNNNN.eml (the raw bytes) and NNNNNN.json (what Python's own
e-mail parser decodes: headers, RFC 2047 subject and sender name, the body as text), so the tests check our
MIME against an independent decoder. Control files in FOLDER change its behaviour while it runs:
  fail      exists: answer DATA with 451 (a temporary failure) and store nothing
  reject_rcpt exists: refuse every recipient with 550, naming the address (as real servers do)
  delay_ms  a number: after storing a message, wait that long before answering 250 (a slow server)
With --tls starttls it requires STARTTLS; with --tls smtps it speaks TLS from the first byte.
Prints "READY <port>" when it accepts connections.
"""
import argparse
import asyncio
import json
import logging
import os
import socket
import ssl
import time
import warnings
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.login = None

    def control(self, name):
        path = os.path.join(self.folder, name)
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return f.read().strip()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.control("reject_rcpt") is not None:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.control("fail") is not None:
            return "451 4.3.0 Temporarily unavailable, try again later"
        self.count += 1
        raw = envelope.original_content or envelope.content
        msg = message_from_bytes(raw, policy=policy.default)
        part = msg.get_body(preferencelist=("plain",)) or msg
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "login": self.login,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "subject": str(msg["subject"]),
            "from": str(msg["from"]),
            "fromName": msg["from"].addresses[0].display_name if msg["from"] else "",
            "to": str(msg["to"]),
            "messageId": str(msg["message-id"]),
            "notification": str(msg["x-campdesk-notification"]),
            "contentType": msg.get_content_type(),
            "charset": part.get_content_charset(),
            "transferEncoding": str(part["content-transfer-encoding"]),
            "body": part.get_content(),
            "rawSubject": raw.split(b"\r\nSubject: ", 1)[1].split(b"\r\n", 1)[0].decode("ascii", "replace")
            if b"\r\nSubject: " in raw else "",
        }
        name = "%06d-%d" % (self.count, time.time_ns())
        with open(os.path.join(self.folder, name + ".eml"), "wb") as f:
            f.write(raw)
        tmp = os.path.join(self.folder, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.folder, name + ".json"))  # readers never see half a file
        delay = self.control("delay_ms")
        if delay:
            await asyncio.sleep(int(delay) / 1000.0)
        return "250 2.0.0 OK queued as campdesk-test-%d" % self.count


def main():
    warnings.simplefilter("ignore")  # AUTH without TLS is what a loopback test server does
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--tls", choices=["starttls", "smtps"], help="needs --cert and --key")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()

    port = args.port
    if port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]

    handler = Handler(args.folder)
    kwargs = {}
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user \
                    and auth_data.password.decode() == args.password:
                handler.login = args.user
                return AuthResult(success=True)
            return AuthResult(success=False, handled=False)
        kwargs = {"authenticator": authenticate, "auth_require_tls": False, "auth_required": True}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.tls == "starttls":
            kwargs.update({"tls_context": context, "require_starttls": True})
        else:
            kwargs["ssl_context"] = context
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("READY %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
