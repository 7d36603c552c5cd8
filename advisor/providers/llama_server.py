"""The embedded llama.cpp server (xllamacpp, in-process), shared by the whole process.

Why a server rather than direct calls: xllamacpp's ``Server`` runs llama.cpp's own C++
HTTP server on a background thread, so every client (the answer chain, the evals, the UI)
talks to it through the one OpenAI-compatible API and the official ``openai`` client,
with streaming, a request queue and the prompt cache handled natively.

Settings chosen for a 2-core CPU and Qwen2.5-Coder-1.5B Q4_K_M (see the module constants):

* one slot (``n_parallel=1``): the CPU is the bottleneck, so two concurrent requests only
  halve each other's speed and double the time to first token; one slot also means every
  request lands on the slot that already holds the fixed system-prompt prefix in its KV cache.
* ``n_threads = n_threads_batch = 2``: one thread per core for decode and prompt processing;
  more threads than cores only adds contention. Caveat, measured: llama.cpp's threads meet at
  a barrier after every op, so when anything else keeps one core busy (a test run, torch
  embeddings in this process) 2 threads collapse to ~1 token/s while 1 thread keeps ~6.
* loading (``xllamacpp.Server(...)``) is synchronous C++ that holds the GIL (~2.5 s here):
  other Python threads pause meanwhile, and it cannot be interrupted; the start timeout
  bounds the health wait after it.
* prompt cache on (``cache_prompt``): llama.cpp keeps the slot's tokens and skips the longest
  common prefix of the next prompt, so a fixed system prompt kept at the very front is
  evaluated once. Temperature, seed, max_tokens etc. are per-request client settings.

Security: the listener binds to 127.0.0.1 on a free port, requires an API key (random per
process unless given) on every endpoint except ``/health``, serves no web UI, exposes no
``/slots`` or ``/metrics`` endpoint and allows no foreign CORS origin.
"""

from __future__ import annotations

import atexit
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from advisor.errors import ConfigError, ProviderError

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
# Prompt-processing batch sizes: llama.cpp's defaults. On CPU, prompt speed is flat for
# micro-batches of ~128 and up (our 128/256/512 runs differed less than the noise of a shared
# box); 512 reads a ~700-token RAG prompt in two passes with a small compute buffer.
N_BATCH = 2048
N_UBATCH = 512
# Host-RAM prompt cache (saved slot states); llama.cpp's default of 8 GiB is far more than a
# one-slot 1.5B model needs (a full 4096-token state is ~115 MB in f16).
CACHE_RAM_MIB = 256
DEFAULT_START_TIMEOUT = 120.0
_GGUF_MAGIC = b"GGUF"
_FIX_HINT = "Run `advisor install-model` (or the setup command from the README) to rebuild it."


class LlamaServer:
    """One llama.cpp server (xllamacpp, in-process) on 127.0.0.1, shared by the whole process, started on first use."""

    def __init__(
        self,
        model_path: Path,
        *,
        threads: int = 2,
        context: int = 4096,
        parallel: int = 1,
        api_key: str | None = None,
        start_timeout: float = DEFAULT_START_TIMEOUT,
    ) -> None:
        if threads < 1 or context < 256 or parallel < 1:
            raise ConfigError(
                f"Invalid LLM server settings: threads={threads}, context={context}, "
                f"parallel={parallel} (need threads >= 1, context >= 256, parallel >= 1)."
            )
        self.model_path = Path(model_path)
        self.threads = threads
        self.context = context
        self.parallel = parallel
        self.start_timeout = start_timeout
        # A random key per process: other local users/processes and web pages cannot use the server.
        self._api_key = api_key or secrets.token_urlsafe(32)
        self._lock = threading.Lock()
        self._server: Any | None = None  # xllamacpp.Server once started
        self._address: str | None = None  # "http://127.0.0.1:PORT"
        self.load_seconds: float | None = None

    # ----------------------------------------------------------------- public API

    @property
    def api_key(self) -> str:
        """The bearer key every request (except ``/health``) must carry."""
        return self._api_key

    @property
    def model_name(self) -> str:
        """The alias the server reports for its model (any ``model`` value is accepted)."""
        return self.model_path.stem

    @property
    def base_url(self) -> str:
        """OpenAI-compatible base URL, e.g. ``http://127.0.0.1:PORT/v1``; starts the server if needed."""
        self.start()
        address = self._address
        if address is None:  # stopped by another thread in between
            raise ProviderError("The local model server was stopped; start it again.")
        return f"{address}/v1"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        """Load the model and start listening; idempotent and thread-safe.

        Blocks until ``/health`` answers ``ok`` (bounded by ``start_timeout``) and checks that
        the server rejects requests without the key, so a misconfigured server is never used.
        """
        if self._server is not None:
            return
        with self._lock:
            if self._server is not None:
                return
            self._check_model_file()
            self._start_locked()

    def stop(self) -> None:
        """Shut the server down (joins llama.cpp's threads); a later use starts it again."""
        with self._lock:
            server, self._server, self._address = self._server, None, None
            if server is not None:
                log.info("stopping llama.cpp server for %s", self.model_path.name)
                del server  # xllamacpp's destructor terminates the loop and joins its threads

    def __repr__(self) -> str:
        state = self._address or "stopped"
        return f"LlamaServer({self.model_path.name!r}, threads={self.threads}, context={self.context}, {state})"

    # ----------------------------------------------------------------- internals

    def _check_model_file(self) -> None:
        """Fail with an actionable message before llama.cpp prints a generic one."""
        path = self.model_path
        if not path.is_file():
            raise ConfigError(f"Local model file not found: {path}. {_FIX_HINT}")
        try:
            with path.open("rb") as fh:
                magic = fh.read(4)
        except OSError as exc:
            raise ConfigError(f"Local model file {path} cannot be read ({exc}). {_FIX_HINT}") from exc
        if magic != _GGUF_MAGIC:
            raise ProviderError(
                f"The local model {path} is not a GGUF file (it starts with {magic!r}), so "
                f"llama.cpp cannot load it. {_FIX_HINT}"
            )

    def _params(self) -> Any:
        import xllamacpp as xlc

        p = xlc.CommonParams()
        p.model.path = str(self.model_path)
        p.model_alias = {self.model_name}
        p.offline = True  # never try to download anything
        # network: loopback only, OS-chosen free port, key required
        p.hostnames = [HOST]
        p.port = 0
        p.api_keys = [self._api_key]
        p.cors_origins = f"http://{HOST}"  # llama.cpp otherwise echoes any Origin back
        p.cors_origins_explicit = True
        p.ui = False
        p.endpoint_slots = False  # would expose other requests' prompts
        p.endpoint_metrics = False
        p.endpoint_props = False  # no POST /props (changing server settings)
        # compute: one thread per core, one request at a time, each with the full context
        p.cpuparams.n_threads = self.threads
        p.cpuparams_batch.n_threads = self.threads
        p.n_parallel = self.parallel
        p.n_ctx = self.context * self.parallel  # n_ctx is split across slots
        p.n_batch = N_BATCH
        p.n_ubatch = N_UBATCH
        # prompt cache: reuse the KV of the longest common prefix (the fixed system prompt)
        p.cache_prompt = True
        p.cache_ram_mib = CACHE_RAM_MIB
        p.warmup = True  # one dummy decode at load, so the first answer is not slower
        # llama.cpp logs to stderr itself; errors only unless we are debugging
        p.verbosity = 4 if log.isEnabledFor(logging.DEBUG) else 1
        return p

    def _start_locked(self) -> None:
        try:
            import xllamacpp as xlc
        except ImportError as exc:  # pragma: no cover - the wheel is a pinned dependency
            raise ProviderError("The xllamacpp package is not installed; reinstall the project.") from exc

        params = self._params()
        log.info(
            "starting llama.cpp server: model=%s threads=%d ctx=%d parallel=%d",
            self.model_path.name, self.threads, self.context, self.parallel,
        )
        t0 = time.monotonic()
        try:
            # Synchronous: returns once the model is loaded and the listener is up. Note it
            # holds the GIL while loading (~2.5 s), so it cannot be interrupted from Python.
            server = xlc.Server(params)
        except Exception as exc:
            raise ProviderError(
                f"The local model server failed to start: llama.cpp could not load {self.model_path} "
                f"or open a loopback port ({exc}; its log on stderr says which). If the model file "
                f"is damaged: {_FIX_HINT}"
            ) from exc
        address = str(server.listening_address).rstrip("/")
        try:
            host = urlsplit(address).hostname
            if host != HOST:
                raise ProviderError(
                    f"The local model server listens on {address!r}, not on {HOST}; refusing to use it."
                )
            self._wait_healthy(address, deadline=t0 + self.start_timeout)
            self._check_auth_required(address)
        except BaseException:
            del server
            raise
        self.load_seconds = time.monotonic() - t0
        self._address = address  # before _server: start()'s unlocked check reads _server
        self._server = server
        log.info("llama.cpp server ready at %s/v1 in %.1f s", address, self.load_seconds)

    def _wait_healthy(self, address: str, deadline: float) -> None:
        """Poll ``/health`` until it says ok; raise ProviderError at the deadline."""
        last = "no answer"
        while True:
            try:
                status, body = _http_get(f"{address}/health", timeout=2.0)
                if status == 200 and json.loads(body or b"{}").get("status") == "ok":
                    return
                last = f"HTTP {status}: {body[:200]!r}"
            except (OSError, ValueError) as exc:
                last = str(exc)
            if time.monotonic() >= deadline:
                raise ProviderError(
                    f"The local model server at {address} did not become healthy within "
                    f"{self.start_timeout:.0f} s (last answer: {last})."
                )
            time.sleep(0.1)

    @staticmethod
    def _check_auth_required(address: str) -> None:
        """Make sure a request without the key is refused (the server must not be open)."""
        try:
            status, _ = _http_get(f"{address}/props", timeout=5.0)
        except OSError as exc:
            raise ProviderError(f"The local model server at {address} stopped answering ({exc}).") from exc
        if status != 401:
            raise ProviderError(
                f"The local model server at {address} answered HTTP {status} to a request without "
                "its API key (expected 401); refusing to run it unprotected."
            )


def _http_get(url: str, timeout: float) -> tuple[int, bytes]:
    """GET over loopback, ignoring any proxy settings in the environment."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


# --------------------------------------------------------------------- process-wide singleton

_shared: dict[tuple[str, int, int], LlamaServer] = {}
_shared_lock = threading.Lock()


def shared_server(model_path: Path, threads: int, context: int) -> LlamaServer:
    """The one server per (model, threads, context) in this process; not started until first use.

    One model copy in RAM and one KV cache per process: every caller shares the same slot and
    therefore the same cached system-prompt prefix.
    """
    key = (str(Path(model_path).resolve()), threads, context)
    with _shared_lock:
        server = _shared.get(key)
        if server is None:
            server = _shared[key] = LlamaServer(Path(model_path), threads=threads, context=context)
        return server


@atexit.register
def _stop_shared_servers() -> None:
    """Stop llama.cpp's threads in order at exit instead of leaving them to interpreter teardown."""
    with _shared_lock:
        servers = list(_shared.values())
    for server in servers:
        try:
            server.stop()
        except Exception:  # pragma: no cover - best effort at exit
            log.debug("error stopping %r at exit", server, exc_info=True)
