"""A throwaway PostgreSQL cluster of the tests' own, with TLS, on a port and a socket folder of its own.

`.ci/run` installs the Debian `postgresql` package; this module finds its binaries (`pg_config --bindir`, then
/usr/lib/postgresql/*/bin), runs `initdb` in a temporary folder as the `postgres` user when the tests run as
root (PostgreSQL refuses to run as root), makes a CA and a server certificate with `cryptography`, and starts
the server listening on 127.0.0.1 only. Durability is off (fsync) to keep the start fast: the cluster is thrown
away at the end. Each test that needs a centre gets a database of its own (`fresh_database`).

Without PostgreSQL binaries the tests that need it are skipped, with the reason, on a developer's machine; under
CI=true they fail instead, so a CI that lost PostgreSQL cannot pass by skipping.
"""

import contextlib
import datetime
import glob
import ipaddress
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SUPERUSER = "postgres"


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl of the newest PostgreSQL installed, or None."""
    candidates = []
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10).stdout.strip()
        if out:
            candidates.append(Path(out))

    def major(path: str) -> int:
        try:
            return int(Path(path).parent.name)
        except ValueError:
            return 0

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=major, reverse=True)]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists() and (folder / "postgres").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pem(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_ca(common_name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )  # key_cert_sign, crl_sign
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_server_cert(ca_key, ca_cert) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


@dataclass
class Cluster:
    bindir: Path
    root: Path  # owned by the server's user: data/, sock/, the certificates
    port: int
    password: str
    ca_file: Path  # readable by the tests
    other_ca_file: Path  # a CA that did not sign the server's certificate
    as_postgres: bool
    databases: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def _run(self, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=timeout)

    def start(self) -> None:
        log = self.root / "server.log"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def dsn(self, dbname: str = "postgres", **extra: str) -> str:
        """A verify-full DSN over TCP without credentials (the password comes from PGPASSWORD or `password=`)."""
        parts = {
            "host": "127.0.0.1",
            "port": str(self.port),
            "dbname": dbname,
            "sslmode": "verify-full",
            "sslrootcert": str(self.ca_file),
        }
        parts.update(extra)
        return " ".join(f"{k}={v}" for k, v in parts.items())

    def superuser_dsn(self, dbname: str = "postgres") -> str:
        return self.dsn(dbname, user=SUPERUSER, password=self.password)

    def socket_dsn(self, dbname: str) -> str:
        return f"host={self.socket_dir} port={self.port} dbname={dbname} user={SUPERUSER} password={self.password}"

    def admin(self, sql: str, dbname: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.superuser_dsn(dbname), autocommit=True, connect_timeout=10) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def fresh_database(self) -> str:
        name = f"centre_{secrets.token_hex(4)}"
        self.admin(f"CREATE DATABASE {name}")
        self.databases.append(name)
        return name

    def drop_database(self, name: str) -> None:
        if self.running():
            with contextlib.suppress(Exception):
                self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def pg_dump(self, dbname: str) -> str:
        """The whole database as SQL text, as a centre admin's backup would hold it."""
        env = {**os.environ, "PGPASSWORD": self.password}
        return subprocess.run(
            [str(self.bindir / "pg_dump"), "--no-password", self.dsn(dbname, user=SUPERUSER)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=120,
        ).stdout


def start_cluster(bindir: Path) -> Cluster:
    """initdb, certificates, configuration, start. The caller stops it (`stop_cluster`)."""
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="hotline-pg-"))
    os.chmod(root, 0o755)  # noqa: S103 - the server's user must reach it; the data folder inside stays 0700
    (root / "sock").mkdir()
    password = secrets.token_urlsafe(18)
    pwfile = root / "pw"
    pwfile.write_text(password)
    ca_key, ca_cert = make_ca("Hotline Log test centre CA")
    server_key, server_cert = make_server_cert(ca_key, ca_cert)
    _other_key, other_ca = make_ca("Some other CA")
    tls = root / "tls"
    tls.mkdir()
    (tls / "ca.crt").write_bytes(_pem(ca_cert))
    (tls / "other-ca.crt").write_bytes(_pem(other_ca))
    (tls / "server.crt").write_bytes(_pem(server_cert))
    (tls / "server.key").write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    os.chmod(tls / "server.key", 0o600)
    if as_postgres:
        user = pwd.getpwnam(SUPERUSER)
        for path in (root, root / "sock", tls, tls / "server.key", tls / "server.crt", tls / "ca.crt", pwfile):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = _free_port()
    cluster = Cluster(bindir, root, port, password, tls / "ca.crt", tls / "other-ca.crt", as_postgres)
    cluster._run(
        "initdb",
        "-D",
        str(cluster.data),
        "-U",
        SUPERUSER,
        f"--pwfile={pwfile}",
        "--auth=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
        timeout=120,
    )
    pwfile.unlink()
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{root / 'sock'}'\n"
            f"ssl = on\nssl_cert_file = '{tls / 'server.crt'}'\nssl_key_file = '{tls / 'server.key'}'\n"
            f"ssl_ca_file = '{tls / 'ca.crt'}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
            "shared_buffers = 64MB\n"
        )
    (cluster.data / "pg_hba.conf").write_text(
        "local   all all               scram-sha-256\n"
        "hostssl all all 127.0.0.1/32  scram-sha-256\n"
        "host    all all 127.0.0.1/32  reject\n"
    )
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        stop_cluster(cluster)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log[-2000:]}") from exc
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    cluster.stop("fast")
    if cluster.running():
        cluster.stop("immediate")
    shutil.rmtree(cluster.root, ignore_errors=True)
