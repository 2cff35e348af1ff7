"""The client's port from Django's own server (``runserver``, which ``make run`` serves with).

Production servers (gunicorn, uWSGI, mod_wsgi) put ``REMOTE_PORT`` in the request; Django's
server leaves it out, and the traffic log must record the source port (several clients share
one address behind NAT). It is added here from the connection the server holds.
"""

from django.core.servers import basehttp


def add_remote_port() -> None:
    handler = basehttp.WSGIRequestHandler
    if getattr(handler, "_prakat_remote_port", False):
        return
    get_environ = handler.get_environ

    def get_environ_with_port(self):
        environ = get_environ(self)
        environ.setdefault("REMOTE_PORT", str(self.client_address[1]))
        return environ

    handler.get_environ = get_environ_with_port
    handler._prakat_remote_port = True
