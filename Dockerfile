# sopc in a container: Python, Pango (PDF), fonts and git, with `sopc` as the entry point.
# For teams whose desktops cannot install Pango (Windows), see README.md "Memasang":
#   docker build -t sopc .
#   docker run --rm -v "%cd%:/sop" sopc build --pdf        (cmd.exe; PowerShell: ${PWD})
# The release workflow publishes the same image as ghcr.io/<owner>/sopc:<version>.

FROM python:3.12-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md CHANGELOG.md ./
COPY src ./src
COPY templates ./templates
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12-slim
# WeasyPrint's system libraries (the Debian line of sopc doctor), a font set for the
# agency's own templates, and git for the rules that read the history (DN04).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      fonts-dejavu-core git \
 && rm -rf /var/lib/apt/lists/* \
 && git config --system --add safe.directory '*'
COPY --from=wheel /wheels /wheels
RUN python -m pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
 && sopc doctor /tmp
# Any user id may run it (docker run --user "$(id -u):$(id -g)" on Linux hosts).
ENV HOME=/tmp XDG_CACHE_HOME=/tmp/.cache PYTHONDONTWRITEBYTECODE=1
WORKDIR /sop
ENTRYPOINT ["sopc"]
CMD ["--help"]
