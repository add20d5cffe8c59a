"""An SMTP server for the tests that offers STARTTLS and requires it, then
AUTH (PLAIN or LOGIN) with one account, on 127.0.0.1 and a free port.

Prints "port N" on its first line once it accepts connections. Each message
it takes is written to --out as N.json (what a test checks: subject, from,
to, text, html, attachments, the envelope, whether it came over TLS and as
whom) beside N.eml, its bytes. Recipients at @nowhere.invalid are refused
with 550, as a server refuses an unknown user. Exits when its standard input
closes, so it never outlives the test that started it.
"""

import argparse
import asyncio
import email
import email.policy
import email.utils
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

UNKNOWN_DOMAIN = "@nowhere.invalid"


def addresses(message, header):
    pairs = email.utils.getaddresses(message.get_all(header, []))
    return [{"address": address, "name": name} for name, address in pairs]


def summary(content, envelope, session):
    message = email.message_from_bytes(content, policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    attachments = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append(
            {
                "filename": part.get_filename(),
                "contentType": part.get_content_type(),
                "size": len(payload),
                "content": payload.decode("utf-8", "replace"),
            }
        )
    return {
        "subject": message.get("subject"),
        "from": addresses(message, "from"),
        "to": addresses(message, "to"),
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
        "attachments": attachments,
        "envelope": {
            "from": {"address": envelope.mail_from},
            "to": [{"address": rcpt} for rcpt in envelope.rcpt_tos],
        },
        "tls": session.ssl is not None,
        "authenticatedAs": session.auth_data.login.decode()
        if isinstance(session.auth_data, LoginPassword)
        else None,
    }


class Inbox:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(UNKNOWN_DOMAIN):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, f"{self.count:04}")
        content = envelope.original_content or envelope.content
        with open(base + ".eml", "wb") as out:
            out.write(content)
        # Written under another name, then renamed: a reader never sees half.
        with open(base + ".json.part", "w", encoding="utf-8") as out:
            json.dump(summary(content, envelope, session), out)
        os.replace(base + ".json.part", base + ".json")
        return "250 Message accepted for delivery"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        # Not "handled": aiosmtpd itself answers 235, or 535 on a refusal.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


async def serve(options):
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(options.cert, options.key)
    inbox = Inbox(options.out)
    check = authenticator(options.user, options.password)

    def session():
        return SMTP(
            inbox,
            hostname="localhost",
            tls_context=tls,
            require_starttls=True,
            authenticator=check,
            auth_required=True,
            auth_require_tls=True,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(session, host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    print(f"port {port}", flush=True)
    # The test holds our standard input open; when it closes, we stop.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    for flag in ("--cert", "--key", "--user", "--password", "--out"):
        parser.add_argument(flag, required=True)
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)
    asyncio.run(serve(options))


if __name__ == "__main__":
    main()
