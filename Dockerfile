# cloudscan as a container job: runtime dependencies only, non-root, the CLI as entrypoint.
# The install step is the README's install command, word for word, so CI proves it
# (tests/test_readme.py runs that command on a fresh virtualenv).
FROM python:3.11-slim

WORKDIR /opt/cloudscan
COPY pyproject.toml README.md ./
COPY scanner/ scanner/
COPY policies/ policies/
RUN python3 -m venv .venv && .venv/bin/pip install '.[all]' && rm -rf /root/.cache/pip
# Bytecode compiled at build time (pip compiles what it installs; this makes sure), so a start
# never compiles and the read-only, root-owned install is never written to.
RUN .venv/bin/python -m compileall -q .venv/lib

# A fixed non-root UID. Reports go to /work, normally a mounted host directory: run with
# --user "$(id -u):$(id -g)" so the files are written as (and owned by) the host user.
RUN useradd --system --uid 10001 --create-home --home-dir /home/cloudscan cloudscan \
    && mkdir /work && chown cloudscan: /work
USER 10001
WORKDIR /work
ENV PATH=/opt/cloudscan/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

ENTRYPOINT ["cloudscan"]
CMD ["--help"]
