# cloudscan as a container job: runtime dependencies only, non-root, the CLI as entrypoint.
# The install step is the README's install command, word for word, so CI proves it
# (tests/test_readme.py runs that command on a fresh virtualenv).
FROM python:3.11-slim

WORKDIR /opt/cloudscan
COPY pyproject.toml README.md ./
COPY scanner/ scanner/
COPY policies/ policies/
RUN python3 -m venv .venv && .venv/bin/pip install '.[all]' && rm -rf /root/.cache/pip

RUN useradd --system --uid 10001 --create-home --home-dir /home/cloudscan cloudscan
USER cloudscan
WORKDIR /home/cloudscan
ENV PATH=/opt/cloudscan/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

ENTRYPOINT ["cloudscan"]
CMD ["--help"]
