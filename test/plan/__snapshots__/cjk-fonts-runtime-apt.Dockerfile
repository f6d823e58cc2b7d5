ARG PYSHIP_APT_MIRROR=
RUN { [ -z "$PYSHIP_APT_MIRROR" ] || for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do [ ! -f "$f" ] || { cp "$f" "$f.pyship" && sed -i -E "s#[a-z]+://[^ ]+/debian( |\$)#$PYSHIP_APT_MIRROR\1#" "$f"; }; done; } \
 && apt-get -o Acquire::Retries=3 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 update \
 && apt-get -o Acquire::Retries=3 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 install -y --no-install-recommends fonts-wqy-microhei \
 && { for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do [ ! -f "$f.pyship" ] || mv "$f.pyship" "$f"; done; } \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*
