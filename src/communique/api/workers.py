"""Several server processes on one port, each with its own listening socket (``SO_REUSEPORT``).

uvicorn's ``--workers`` shares one listening socket between the processes: whichever process
wakes first accepts a whole burst of new connections, so 50 keep-alive clients may end up 35 on
one process and 15 on the other, and the busy one's clients wait twice as long. Here each
process listens on a socket of its own bound to the same address with ``SO_REUSEPORT``, and the
kernel spreads new connections over them by a hash of the connection. uvicorn's supervisor
keeps its duties (health checks, replacing a dead worker, SIGHUP restarts, signals); only the
socket each worker gets differs. Where ``SO_REUSEPORT`` does not exist, uvicorn's shared socket
is used.
"""

from __future__ import annotations

import logging
import socket

from uvicorn.config import STARTUP_FAILURE, Config
from uvicorn.supervisors.multiprocess import Multiprocess, Process

logger = logging.getLogger("uvicorn.error")


def reuse_port_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A listening socket on ``host:port`` that other sockets with ``SO_REUSEPORT`` may share.

    It listens before its worker starts, so every worker's socket is in the kernel's spread from
    the moment the server is up; connections the kernel gives a worker still starting wait in its
    backlog rather than being refused.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class BalancedWorkers(Multiprocess):
    """uvicorn's multiprocess supervisor with one ``SO_REUSEPORT`` socket per worker."""

    def __init__(self, config: Config) -> None:
        first = reuse_port_socket(config.host, config.port, config.backlog)
        port = first.getsockname()[1]  # port 0: the others join the one the first was given
        sockets = [first] + [reuse_port_socket(config.host, port, config.backlog) for _ in range(config.workers - 1)]
        super().__init__(config, sockets)
        logger.info("%d workers on http://%s:%d, one SO_REUSEPORT socket each", len(sockets), config.host, port)

    def _start(self, idx: int) -> Process:
        process = Process(self.config, [self.sockets[idx]])
        process.start()
        return process

    def init_processes(self) -> None:
        self.processes = [self._start(i) for i in range(len(self.sockets))]

    def keep_subprocess_alive(self) -> None:
        for idx, process in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()  # hung or dead: replace it on the same socket
            process.join()
            if process.exitcode == STARTUP_FAILURE:  # the app cannot start: every restart would fail
                logger.error(f"Child process [{process.pid}] failed to start, stopping the parent process.")
                self.should_exit.set()
                return
            logger.info(f"Child process [{process.pid}] died")
            self.processes[idx] = self._start(idx)

    def restart_all(self) -> None:
        for idx, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = self._start(idx)
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new.kill()
                new.join()
                return
            old.terminate()
            old.join()
            self.processes[idx] = new


def run_workers(app: str, *, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve the app factory ``app`` ("module:function") in ``workers`` processes."""
    from .http import PROTOCOL

    config = Config(app, factory=True, host=host, port=port, log_level=log_level, workers=workers, http=PROTOCOL)
    if not hasattr(socket, "SO_REUSEPORT"):
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    BalancedWorkers(config).run()
