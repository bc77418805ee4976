"""A real WordPress on 127.0.0.1 for the publishing tests.

Debian's `wordpress` package, served by an Apache (mod_php, mod_rewrite) and a MariaDB of its
own: every file (database, configuration, logs, pid files, the site's wp-content) lives under
one folder, both servers listen on free ports of 127.0.0.1 only, and both are stopped by the
pid of the process started here. Nothing of the machine's configuration is changed, and none is
read but PHP's php.ini.
"""

from __future__ import annotations

import html
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

WORDPRESS = Path("/usr/share/wordpress")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
TOOLS = {
    "php": "php-cli",
    "mariadbd": "mariadb-server",
    "mariadb-install-db": "mariadb-server",
    "mariadb": "mariadb-client",
    "apache2": "apache2",
}
# Parts of Debian's WordPress that are ours instead, and folders linked rather than copied: no
# script in them loads WordPress by a path relative to itself.
CORE_OWN = ("wp-config.php", "wp-content", ".htaccess")
CORE_LINKED = ("wp-includes", "wp-admin/css", "wp-admin/images", "wp-admin/includes", "wp-admin/js")
START_TIMEOUT = 60.0
START_ATTEMPTS = 3
STOP_TIMEOUT = 30.0
# A unix socket's path may not be longer than this (sun_path, less its final NUL).
MAX_SOCKET_PATH = 107
# Post types of the theme and the site's setup, kept by reset(): a block theme's templates and
# global styles are not content.
KEPT_POST_TYPES = (
    "wp_template",
    "wp_template_part",
    "wp_global_styles",
    "wp_navigation",
    "custom_css",
    "customize_changeset",
)
# Options a test may change that reset() puts back as installed, besides those set_option set.
RESET_OPTIONS = (
    "active_plugins",
    "timezone_string",
    "gmt_offset",
    "date_format",
    "time_format",
    "permalink_structure",
    "default_category",
    "show_on_front",
    "page_on_front",
    "page_for_posts",
    "posts_per_page",
    "blogname",
    "blogdescription",
    "template",
    "stylesheet",
)


class WordPressError(RuntimeError):
    """The test site could not be started or a command on it failed."""


class _PortTakenError(WordPressError):
    """A port found free was taken by someone else before our server could listen on it."""


def missing_tools() -> list[str]:
    """The Debian packages this machine lacks for a test WordPress (empty when ready)."""
    missing = {package for tool, package in TOOLS.items() if not _which(tool)}
    if not (WORDPRESS / "wp-load.php").is_file():
        missing.add("wordpress")
    if not _php_module() or not (APACHE_MODULES / "mod_rewrite.so").is_file():
        missing.add("libapache2-mod-php")
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        missing.add("util-linux")  # Apache cannot run as root: see _unprivileged()
    return sorted(missing)


@dataclass(frozen=True)
class WordPressAccount:
    login: str
    password: str
    app_password: str
    user_id: int
    role: str


class WordPressServer:
    """One running test site. Start it with `WordPressServer.running(folder)`."""

    url: str
    admin: WordPressAccount
    author: WordPressAccount
    content_dir: Path

    def __init__(self, data: Path) -> None:
        self.data = data
        self.root = data / "wordpress"
        self.content_dir = self.root / "wp-content"
        self.debug_log = data / "wordpress-debug.log"
        self.apache_log = data / "apache" / "error.log"
        self.database_log = data / "mariadb" / "error.log"
        self._port = _free_port()
        self.url = f"http://127.0.0.1:{self._port}"
        self._db_port = _free_port()
        self._db_password = secrets.token_urlsafe(16)
        self._processes: list[subprocess.Popen[bytes]] = []
        self._watchdog: subprocess.Popen[str] | None = None
        self._short_dir: Path | None = None
        self._db_socket = self._database_socket()
        self._installed_options: dict[str, object] = {}

    @classmethod
    @contextmanager
    def running(cls, data: Path) -> Iterator[WordPressServer]:
        """A site started in `data` (an empty folder), stopped when the block ends."""
        for attempt in range(START_ATTEMPTS):
            server = cls(data)
            try:
                server._start()
                break
            except _PortTakenError:
                server._stop()
                if attempt == START_ATTEMPTS - 1:
                    raise
                _empty(data)
            except BaseException:
                server._stop()
                raise
        try:
            yield server
        finally:
            server._stop()

    # --- what tests use

    def rest(
        self, method: str, route: str, *, user: WordPressAccount | None = None, **options: Any
    ) -> Any:
        """A REST request as `user` (the administrator: what "the web" does), its JSON."""
        account = user or self.admin
        answer = httpx.request(
            method,
            f"{self.url}/wp-json{route}",
            auth=(account.login, account.app_password),
            timeout=30,
            **options,
        )
        answer.raise_for_status()
        return answer.json()

    def term_names(self, taxonomy: str, ids: list[int]) -> list[str]:
        """The names of terms as a reader sees them (WordPress keeps them HTML-escaped)."""
        if not ids:
            return []
        found = self.rest("GET", f"/wp/v2/{taxonomy}", params={"include": ",".join(map(str, ids))})
        return sorted(html.unescape(term["name"]) for term in found)

    def php(self, code: str) -> str:
        """Runs `code` (PHP statements) with WordPress loaded; returns what it printed."""
        return self._run_php(code, installing=False)

    def set_option(self, name: str, value: str) -> None:
        """update_option(name, value); reset() puts the installed value back."""
        if name not in self._installed_options:
            self._installed_options.update(self._read_options([name]))
        self.php(f"update_option({php_string(name)}, {php_string(value)});")

    def reset(self) -> None:
        """Back to the site as installed: no posts, pages or media, no terms but the default
        category, no plugin active, the installed options (timezone, formats, ...)."""
        snapshot = php_string(json.dumps(self._installed_options))
        kept = _php_list(KEPT_POST_TYPES)
        self.php(_RESET_PHP.replace("SNAPSHOT", snapshot).replace("KEPT", kept))
        uploads = self.content_dir / "uploads"
        shutil.rmtree(uploads, ignore_errors=True)
        uploads.mkdir()

    def run_cron(self) -> None:
        """Runs WordPress's due events (scheduled posts) now, as a system cron would: the site
        itself never spawns them (DISABLE_WP_CRON), so tests decide when they run."""
        httpx.get(f"{self.url}/wp-cron.php?doing_wp_cron", timeout=60).raise_for_status()

    def process_ids(self) -> list[int]:
        """The servers running for this site (MariaDB, Apache), each the leader of a process
        group that holds its workers."""
        return [process.pid for process in self._processes if process.returncode is None]

    # --- start and stop

    def _start(self) -> None:
        for folder in ("mariadb", "apache", "tmp", "opcache"):
            (self.data / folder).mkdir(parents=True)
        self._watchdog = _start_watchdog()
        installing_db = self._install_database()
        self._copy_wordpress()
        self._write_wordpress_config()
        self._start_apache()
        self._finish(installing_db, "mariadb-install-db", self.data / "mariadb" / "install.log")
        self._start_database()
        self._install_wordpress()

    def _stop(self) -> None:
        if self._watchdog is not None:
            _stop_watchdog(self._watchdog)
            self._watchdog = None
        errors = []
        for process in reversed(self._processes):
            try:
                _terminate(process)
            except Exception as error:  # keep stopping the others
                errors.append(error)
        self._processes.clear()
        if self._short_dir is not None:
            shutil.rmtree(self._short_dir, ignore_errors=True)
        if errors:
            raise errors[0]
        # What is left is the logs and the site's files; the database's are large.
        for folder in (self.data / "mariadb" / "data", self.data / "opcache"):
            shutil.rmtree(folder, ignore_errors=True)

    # --- MariaDB

    def _install_database(self) -> subprocess.Popen[bytes]:
        """mariadb-install-db into our data folder, started in the background (about a second)."""
        command = [
            _tool("mariadb-install-db"),
            "--no-defaults",
            f"--datadir={self.data / 'mariadb' / 'data'}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--skip-name-resolve",
            # Its own, not the machine's /tmp: two installs at once clashed over temporary
            # tables there ("Unknown table mysql.tmp_user_sys").
            f"--tmpdir={self.data / 'tmp'}",
            *_database_tuning(),
            *_as_current_user(),
        ]
        return self._spawn(command, self.data / "mariadb" / "install.log")

    def _database_socket(self) -> Path:
        socket_path = self.data / "mariadb" / "mariadb.sock"
        if len(str(socket_path)) <= MAX_SOCKET_PATH:
            return socket_path
        # A deep temporary folder: the socket goes to a short one of its own instead.
        self._short_dir = Path(tempfile.mkdtemp(prefix="wp-db-"))
        return self._short_dir / "mariadb.sock"

    def _start_database(self) -> None:
        folder = self.data / "mariadb"
        command = [
            _tool("mariadbd"),
            "--no-defaults",
            f"--datadir={folder / 'data'}",
            f"--socket={self._db_socket}",
            "--bind-address=127.0.0.1",
            f"--port={self._db_port}",
            f"--pid-file={folder / 'mariadb.pid'}",
            f"--log-error={self.database_log}",
            f"--tmpdir={self.data / 'tmp'}",
            "--skip-name-resolve",
            "--skip-log-bin",
            "--performance-schema=OFF",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
            *_database_tuning(),
            *_as_current_user(),
        ]
        self._spawn(command, folder / "mariadb.out")
        self._wait_until(
            lambda: _accepts_unix(self._db_socket),
            "MariaDB",
            folder / "mariadb.out",
            self.database_log,
        )
        self._sql(
            "CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;"
            f"CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '{self._db_password}';"
            "GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';"
        )

    def _sql(self, statements: str) -> None:
        command = [
            _tool("mariadb"),
            "--no-defaults",
            f"--socket={self._db_socket}",
            "--user=root",
            "--batch",
            "--execute",
            statements,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        if done.returncode:
            raise WordPressError(f"SQL failed: {done.stderr.strip()}")

    # --- Apache

    def _start_apache(self) -> None:
        folder = self.data / "apache"
        config = folder / "httpd.conf"
        config.write_text(
            _APACHE_CONFIG.format(
                server_root=folder,
                port=self._port,
                document_root=self.root,
                php_module=_php_module(),
                modules=APACHE_MODULES,
            )
        )
        (folder / "run").mkdir()
        command = [_tool("apache2"), "-f", str(config), "-DFOREGROUND"]
        apache = self._spawn(_unprivileged(command), folder / "apache.out")
        pid_file = folder / "apache.pid"

        def ready() -> bool:
            # Its pid file is written once it listens: a port that answers may be another's.
            return _read_pid(pid_file) == apache.pid and _accepts_tcp(self._port)

        # Errors before its log is open (a port taken) go to its output.
        self._wait_until(ready, "Apache", folder / "apache.out", self.apache_log)

    # --- WordPress

    def _copy_wordpress(self) -> None:
        """A document root of our own, with our wp-config.php and wp-content (Debian's themes
        copied in); the core is Debian's, linked, but for the scripts that find wp-load.php by
        their own folder: those are copied, as PHP resolves symlinks in __DIR__ and they would
        load Debian's wp-config.php (which reads /etc/wordpress)."""
        _copy_core(WORDPRESS, self.root)
        for folder in ("plugins", "themes", "uploads", "mu-plugins"):
            (self.content_dir / folder).mkdir(parents=True)
        themes = WORDPRESS / "wp-content" / "themes"
        for theme in themes.iterdir():
            shutil.copytree(theme, self.content_dir / "themes" / theme.name, symlinks=True)
        (self.content_dir / "mu-plugins" / "test-site.php").write_text(_MU_PLUGIN)

    def _write_wordpress_config(self) -> None:
        salts = "".join(
            f"define('{name}', '{secrets.token_hex(32)}');\n"
            for name in (
                "AUTH_KEY",
                "SECURE_AUTH_KEY",
                "LOGGED_IN_KEY",
                "NONCE_KEY",
                "AUTH_SALT",
                "SECURE_AUTH_SALT",
                "LOGGED_IN_SALT",
                "NONCE_SALT",
            )
        )
        (self.root / "wp-config.php").write_text(
            _WP_CONFIG.format(
                url=self.url,
                db_host=f"127.0.0.1:{self._db_port}",
                db_password=self._db_password,
                content_dir=self.content_dir,
                debug_log=self.debug_log,
                salts=salts,
            )
        )

    def _install_wordpress(self) -> None:
        passwords = {role: secrets.token_urlsafe(18) for role in ("administrator", "author")}
        result = json.loads(
            self._run_php(
                _INSTALL_PHP.replace(
                    "ADMIN_PASSWORD", php_string(passwords["administrator"])
                ).replace("AUTHOR_PASSWORD", php_string(passwords["author"])),
                installing=True,
            )
        )
        self._installed_options = self._read_options(list(RESET_OPTIONS))
        accounts = {
            role: WordPressAccount(
                login=result[role]["login"],
                password=passwords[role],
                app_password=result[role]["app_password"],
                user_id=int(result[role]["id"]),
                role=role,
            )
            for role in ("administrator", "author")
        }
        self.admin = accounts["administrator"]
        self.author = accounts["author"]
        self.reset()

    def _read_options(self, names: list[str]) -> dict[str, object]:
        code = (
            f"$names = json_decode({php_string(json.dumps(names))}, true);"
            "$values = [];"
            "foreach ($names as $name) { $values[$name] = get_option($name, null); }"
            "echo wp_json_encode($values);"
        )
        values: dict[str, object] = json.loads(self.php(code))
        return values

    def _run_php(self, code: str, *, installing: bool) -> str:
        code = code.strip().removeprefix("<?php")
        script = _PHP_BOOT.format(
            installing="define('WP_INSTALLING', true);" if installing else "",
            port=self._port,
            wp_load=php_string(str(self.root / "wp-load.php")),
        )
        done = subprocess.run(
            [_tool("php"), "-d", "display_errors=stderr", *self._php_cache()],
            input=script + code + "\n",
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=self.root,
        )
        if done.returncode:
            raise WordPressError(
                f"PHP failed (exit {done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
            )
        return done.stdout

    def _php_cache(self) -> list[str]:
        """PHP options that keep WordPress's core compiled between runs (a run takes 0.1 s
        instead of 0.25 s). wp-content is left out: a plugin rewritten within the same second
        would run as it was (the cache compares whole seconds)."""
        excluded = self.data / "opcache-excluded.txt"
        if not excluded.exists():
            excluded.write_text(f"{self.content_dir}/\n")
        return [
            "-d",
            "opcache.enable_cli=1",
            "-d",
            f"opcache.file_cache={self.data / 'opcache'}",
            "-d",
            "opcache.file_cache_only=1",
            "-d",
            f"opcache.blacklist_filename={excluded}",
        ]

    # --- processes

    def _spawn(self, command: list[str], output: Path) -> subprocess.Popen[bytes]:
        with output.open("wb") as log:
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, to stop its children too
            )
        self._processes.append(process)
        self._tell_watchdog(f"{process.pid}")
        return process

    def _tell_watchdog(self, line: str) -> None:
        if self._watchdog is not None and self._watchdog.stdin is not None:
            self._watchdog.stdin.write(line + "\n")
            self._watchdog.stdin.flush()

    def _reaped(self, process: subprocess.Popen[bytes]) -> None:
        """`process` has ended and been reaped: its id may be another's from now on."""
        self._tell_watchdog(f"-{process.pid}")

    def _finish(self, process: subprocess.Popen[bytes], name: str, log: Path) -> None:
        process.wait(timeout=START_TIMEOUT)
        self._reaped(process)
        if process.returncode:
            raise WordPressError(f"{name} failed ({process.returncode}): {_tail(log)}")

    def _wait_until(self, ready: Callable[[], bool], name: str, *logs: Path) -> None:
        process = self._processes[-1]
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if process.poll() is not None:
                self._reaped(process)
                tail = "\n".join(filter(None, map(_tail, logs)))
                error = _PortTakenError if "Address already in use" in tail else WordPressError
                raise error(f"{name} exited ({process.returncode}): {tail}")
            if time.monotonic() > deadline:
                tail = "\n".join(filter(None, map(_tail, logs)))
                raise WordPressError(f"{name} did not start in {START_TIMEOUT:.0f} s: {tail}")
            time.sleep(0.02)


def php_string(text: str) -> str:
    """`text` as a PHP single-quoted string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _php_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(php_string(item) for item in items) + "]"


def _which(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")


def _tool(tool: str) -> str:
    path = _which(tool)
    if path is None:
        raise WordPressError(f"{tool} not found (package {TOOLS[tool]})")
    return path


def _php_module() -> Path | None:
    modules = sorted(APACHE_MODULES.glob("libphp*.so"))
    return modules[-1] if modules else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _accepts_tcp(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _accepts_unix(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(str(path)) == 0


def _database_tuning() -> list[str]:
    # Small files and little memory: a test database holds a few posts.
    return ["--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M"]


def _as_current_user() -> list[str]:
    """MariaDB refuses to run as root unless told to; as anyone else it runs as itself."""
    return [f"--user={pwd.getpwuid(0).pw_name}"] if os.geteuid() == 0 else []


def _unprivileged(command: list[str]) -> list[str]:
    """Apache will not serve as root: with an effective uid of root it switches its workers to
    another user, who may not enter the test's private (0700) temporary folder. So root runs it
    with www-data's effective ids plus CAP_DAC_OVERRIDE (to read and write our data folder),
    keeping root as the real uid: PHP's file_exists() is access(2), which checks with the real
    uid and ignores the capability otherwise. Anyone else runs it as themselves."""
    if os.geteuid() != 0:
        return command
    user = _system_user()
    return [
        _tool_setpriv(),
        "--ruid=0",
        f"--euid={user.pw_uid}",
        "--rgid=0",
        f"--egid={user.pw_gid}",
        "--clear-groups",
        "--inh-caps=+dac_override",
        "--ambient-caps=+dac_override",
        *command,
    ]


def _system_user() -> pwd.struct_passwd:
    for name in ("www-data", "nobody"):
        with suppress(KeyError):
            return pwd.getpwnam(name)
    raise WordPressError("no www-data or nobody user to run Apache as")


def _tool_setpriv() -> str:
    path = shutil.which("setpriv")
    if path is None:
        raise WordPressError("setpriv not found (package util-linux): needed to run Apache as root")
    return path


def _copy_core(source: Path, target: Path, relative: str = "") -> None:
    target.mkdir()
    for entry in source.iterdir():
        name = relative + entry.name
        if name in CORE_OWN:
            continue
        if name in CORE_LINKED:
            (target / entry.name).symlink_to(entry)
        elif entry.is_dir() and not entry.is_symlink():
            _copy_core(entry, target / entry.name, name + "/")
        else:
            shutil.copy2(entry, target / entry.name, follow_symlinks=False)


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _start_watchdog() -> subprocess.Popen[str]:
    """A process that stops our servers if this one dies without stopping them (killed, a CI
    time-out): it is told each server's process group and, at the end, "done"."""
    return subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", _WATCHDOG],
        stdin=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a Ctrl-C for the tests is not one for it
    )


def _stop_watchdog(watchdog: subprocess.Popen[str]) -> None:
    if watchdog.stdin is not None:
        with suppress(BrokenPipeError):
            watchdog.stdin.write("done\n")
            watchdog.stdin.close()
    watchdog.wait(timeout=STOP_TIMEOUT)


def _terminate(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, SIGKILL if it lingers, then SIGKILL to whatever is left of its process group
    (Apache's workers). The group is killed before the leader is reaped: until then its id
    cannot be another process's."""
    if process.returncode is not None:
        return  # reaped already: its id may be someone else's now
    # os.kill, not Popen.send_signal: that reaps an exited process first.
    os.kill(process.pid, signal.SIGTERM)
    if not _exits(process.pid, STOP_TIMEOUT):
        os.kill(process.pid, signal.SIGKILL)
        _exits(process.pid, STOP_TIMEOUT)
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=STOP_TIMEOUT)


def _exits(pid: int, timeout: float) -> bool:
    """Whether `pid` (our child) exits within `timeout`, left unreaped (a zombie keeps its id)."""
    deadline = time.monotonic() + timeout
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# Reads process group ids, one a line ("-ID": that one has ended), until "done" (then exits) or
# the end of its input (the tests died): then stops those groups, SIGTERM first, SIGKILL for any
# still there after 10 s.
_WATCHDOG = """
import os, signal, sys, time
groups = set()
for line in sys.stdin:
    if line.strip() == "done":
        sys.exit(0)
    group = int(line)
    if group < 0:
        groups.discard(-group)
    else:
        groups.add(group)

def alive(group):
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True

for group in groups:
    if alive(group):
        os.killpg(group, signal.SIGTERM)
deadline = time.monotonic() + 10
while any(map(alive, groups)) and time.monotonic() < deadline:
    time.sleep(0.1)
for group in filter(alive, groups):
    os.killpg(group, signal.SIGKILL)
"""

_APACHE_CONFIG = """\
ServerRoot "{server_root}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{server_root}/apache.pid"
DefaultRuntimeDir "{server_root}/run"
ErrorLog "{server_root}/error.log"
LogLevel warn
LogFormat "%h %t \\"%r\\" %>s %b %D" short
CustomLog "{server_root}/access.log" short

LoadModule mpm_prefork_module {modules}/mod_mpm_prefork.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule dir_module {modules}/mod_dir.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule rewrite_module {modules}/mod_rewrite.so
LoadModule php_module {php_module}

StartServers 2
MinSpareServers 2
MaxSpareServers 6
MaxRequestWorkers 24
KeepAlive On
Timeout 120
TypesConfig /etc/mime.types
AddDefaultCharset UTF-8

DocumentRoot "{document_root}"
DirectoryIndex index.php index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{document_root}">
    Options FollowSymLinks
    AllowOverride All
    Require all granted
    # WordPress's own rules for pretty permalinks (what it writes to .htaccess).
    RewriteEngine On
    RewriteBase /
    RewriteRule .* - [E=HTTP_AUTHORIZATION:%{{HTTP:Authorization}}]
    RewriteRule ^index\\.php$ - [L]
    RewriteCond %{{REQUEST_FILENAME}} !-f
    RewriteCond %{{REQUEST_FILENAME}} !-d
    RewriteRule . /index.php [L]
</Directory>
<FilesMatch "\\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
# Debian's php.ini allows 2 MB uploads; review images may be larger.
php_admin_value upload_max_filesize 64M
php_admin_value post_max_size 64M
php_admin_value memory_limit 256M
# A plugin file a test rewrites runs as written from the next request on, not 2 s later.
php_admin_value opcache.revalidate_freq 0
"""

_WP_CONFIG = """\
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '{db_password}');
define('DB_HOST', '{db_host}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{salts}
$table_prefix = 'wp_';

define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('WP_CONTENT_DIR', '{content_dir}');
define('WP_CONTENT_URL', '{url}/wp-content');
// Application Passwords over plain http.
define('WP_ENVIRONMENT_TYPE', 'local');
// Scheduled events run when a test asks (run_cron), not on a page view.
define('DISABLE_WP_CRON', true);
// Offline and unchanging: no update checks, no pattern directory, no core updates.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
// Notices go to a log, never into a page or a REST reply; fatal errors are not caught by
// WordPress's recovery mode (which would hide them behind "a critical error").
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '{debug_log}');
define('WP_DISABLE_FATAL_ERROR_HANDLER', true);
// Plugins and uploads are written directly, never through FTP (as root, Apache's user is not
// the owner of WordPress's files, which otherwise makes WordPress ask for FTP credentials).
define('FS_METHOD', 'direct');

if (!defined('ABSPATH')) {{
    define('ABSPATH', __DIR__ . '/');
}}
require_once ABSPATH . 'wp-settings.php';
"""

_MU_PLUGIN = """\
<?php
/*
 * Plugin Name: Test site
 * Description: The test site is offline: no mail (there is no mail server), no update checks
 *   and no pattern directory (requests to WordPress.org are blocked, which logs warnings).
 */
add_filter('pre_wp_mail', '__return_false');
add_filter('should_load_remote_block_patterns', '__return_false');
$checks = ['wp_version_check', 'wp_update_plugins', 'wp_update_themes', '_maybe_update_core',
    '_maybe_update_plugins', '_maybe_update_themes', 'wp_schedule_update_checks',
    'wp_maybe_auto_update'];
$hooks = array_merge($checks, ['init', 'admin_init', 'load-plugins.php', 'load-themes.php',
    'load-update.php', 'load-update-core.php']);
foreach ($hooks as $hook) {
    foreach ($checks as $check) {
        remove_action($hook, $check);
    }
}
$checked = function () {
    return (object) ['last_checked' => time(), 'version_checked' => get_bloginfo('version'),
        'updates' => [], 'translations' => [], 'response' => [], 'checked' => []];
};
foreach (['update_core', 'update_plugins', 'update_themes'] as $transient) {
    add_filter('pre_site_transient_' . $transient, $checked);
}
"""

_PHP_BOOT = """\
<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:{port}';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '{port}';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
{installing}
require {wp_load};
// WP_DEBUG_DISPLAY turned this off while loading: errors of the code below go to stderr.
ini_set('display_errors', 'stderr');
"""

_INSTALL_PHP = """
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// Pretty permalinks are ours to set: no trial requests to the site to choose some.
add_filter('pre_option_permalink_structure', function () { return '/%postname%/'; });
$installed = wp_install('ReviewDesk test site', 'admin', 'admin@example.com', true, '',
    wp_slash(ADMIN_PASSWORD), 'en_US');
$admin_id = (int) $installed['user_id'];
wp_update_user(['ID' => $admin_id, 'display_name' => 'Ada Admin',
    'first_name' => 'Ada', 'last_name' => 'Admin']);
$author_id = wp_insert_user(['user_login' => 'author', 'user_pass' => AUTHOR_PASSWORD,
    'user_email' => 'author@example.com', 'role' => 'author', 'display_name' => 'Avery Author',
    'first_name' => 'Avery', 'last_name' => 'Author']);
if (is_wp_error($author_id)) {
    fwrite(STDERR, $author_id->get_error_message());
    exit(1);
}
$result = [];
foreach (['administrator' => $admin_id, 'author' => $author_id] as $role => $id) {
    $created = WP_Application_Passwords::create_new_application_password($id,
        ['name' => 'ReviewDesk tests']);
    if (is_wp_error($created)) {
        fwrite(STDERR, $created->get_error_message());
        exit(1);
    }
    $result[$role] = ['id' => $id, 'login' => get_userdata($id)->user_login,
        'app_password' => $created[0]];
}
remove_all_filters('pre_option_permalink_structure');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);
echo wp_json_encode($result);
"""

_RESET_PHP = """
global $wpdb;
$kept = KEPT;
$placeholders = implode(',', array_fill(0, count($kept), '%s'));
$ids = $wpdb->get_col($wpdb->prepare(
    "SELECT ID FROM {$wpdb->posts} WHERE post_type NOT IN ($placeholders) ORDER BY ID DESC",
    $kept));
foreach ($ids as $id) {
    if (get_post_type($id) === 'attachment') {
        wp_delete_attachment((int) $id, true);
    } elseif (get_post($id)) {
        wp_delete_post((int) $id, true);
    }
}
$default_category = (int) get_option('default_category');
$taxonomies = array_values(get_taxonomies(['public' => true]));
foreach (get_terms(['taxonomy' => $taxonomies, 'hide_empty' => false]) as $term) {
    if (!($term->taxonomy === 'category' && $term->term_id === $default_category)) {
        wp_delete_term($term->term_id, $term->taxonomy);
    }
}
foreach (json_decode(SNAPSHOT, true) as $name => $value) {
    if ($value === null) {
        delete_option($name);
    } else {
        update_option($name, $value);
    }
}
wp_cache_flush();
"""
