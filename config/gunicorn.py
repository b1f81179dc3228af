"""gunicorn's configuration for ``scripts/web``, read from the environment (README, "Running it in
production").

Model: ``WEB_CONCURRENCY`` processes of ``WEB_THREADS`` threads each (gthread). Django keeps one
database connection per thread (``conn_max_age``), reused from request to request, so the server
never holds more than ``WEB_CONCURRENCY x WEB_THREADS`` connections to PostgreSQL, however many
clients connect: the rest wait in the listen backlog, not for a connection.
"""

from config.env import env_bool, env_int, env_list, env_str

wsgi_app = "config.wsgi:application"
bind = [f"{env_str('HOST', '127.0.0.1')}:{env_int('PORT', 8000, minimum=1)}"]
worker_class = "gthread"
workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
threads = env_int("WEB_THREADS", 4, minimum=1)
# gthread: the timeout is the worker's heartbeat (its main loop), not a request's duration, so a
# long upload is not cut; a worker stuck for this long is killed and replaced
timeout = env_int("WEB_TIMEOUT", 60, minimum=1)
graceful_timeout = env_int("WEB_GRACEFUL_TIMEOUT", 30, minimum=0)
keepalive = env_int("WEB_KEEPALIVE", 5, minimum=0)
# replace a worker after this many requests (0: never), with jitter so they do not all restart
max_requests = env_int("WEB_MAX_REQUESTS", 0, minimum=0)
max_requests_jitter = max_requests // 10
# the proxies whose X-Forwarded-Proto (https) is believed; from anyone else it is ignored
forwarded_allow_ips = ",".join(env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"]))
# No access log from gunicorn: its request line carries query strings (Graph's access_token);
# Django's loggers, whose handlers redact tokens, are the request log.
accesslog = None
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "INFO").lower()
capture_output = False
# no control socket (it would live in $HOME, shared by every instance of the user): signals
# (HUP to reload, TERM to stop, TTIN/TTOU for more or fewer workers) do the job
control_socket_disable = True
proc_name = "photodesk-web"
preload_app = env_bool("WEB_PRELOAD", False)
