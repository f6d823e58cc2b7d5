/*
 * The mirrors `--mirror NAME` knows: each one's PyPI simple index, its Debian and
 * Debian-security mirrors, and what is known to go wrong with it (shown by `pyship plan` and
 * in the hint when a build through it fails). Checked against each mirror's help page.
 * Order: the order `--mirror` lists them in its help and errors (most used first).
 */

export interface MirrorPreset {
  readonly name: string;
  /** PEP 503 simple index, as the mirror documents it. */
  readonly pypi: string;
  /** Replaces deb.debian.org/debian in the base image's apt sources. */
  readonly debian: string;
  /** Used for the security suite only when asked (`--apt-security mirror`). */
  readonly debianSecurity: string;
  readonly pitfalls: string;
}

export const MIRROR_PRESETS: readonly MirrorPreset[] = [
  {
    name: "tuna",
    pypi: "https://pypi.tuna.tsinghua.edu.cn/simple",
    debian: "https://mirrors.tuna.tsinghua.edu.cn/debian",
    debianSecurity: "https://mirrors.tuna.tsinghua.edu.cn/debian-security",
    pitfalls:
      "syncs from PyPI every few minutes, so a release of the last minutes can be missing (404); it throttles heavy users from outside mainland China",
  },
  {
    name: "aliyun",
    pypi: "https://mirrors.aliyun.com/pypi/simple",
    debian: "https://mirrors.aliyun.com/debian",
    debianSecurity: "https://mirrors.aliyun.com/debian-security",
    pitfalls:
      "lags PyPI by hours at times (fresh releases 404); inside Alibaba Cloud the internal host mirrors.cloud.aliyuncs.com is faster",
  },
  {
    name: "ustc",
    pypi: "https://mirrors.ustc.edu.cn/pypi/simple",
    debian: "https://mirrors.ustc.edu.cn/debian",
    debianSecurity: "https://mirrors.ustc.edu.cn/debian-security",
    pitfalls:
      "its PyPI index redirects package downloads to other mirrors, which fails behind proxies that refuse redirects",
  },
  {
    name: "tencent",
    pypi: "https://mirrors.cloud.tencent.com/pypi/simple",
    debian: "https://mirrors.cloud.tencent.com/debian",
    debianSecurity: "https://mirrors.cloud.tencent.com/debian-security",
    pitfalls:
      "lags PyPI at times (fresh releases 404); inside Tencent Cloud mirrors.tencentyun.com is the internal host",
  },
  {
    name: "huawei",
    pypi: "https://repo.huaweicloud.com/repository/pypi/simple",
    debian: "https://repo.huaweicloud.com/debian",
    debianSecurity: "https://repo.huaweicloud.com/debian-security",
    pitfalls:
      "a Nexus proxy: a package it has not cached yet is fetched on first use, which can time out for large wheels (retry)",
  },
];

export function findPreset(name: string): MirrorPreset | undefined {
  return MIRROR_PRESETS.find((preset) => preset.name === name.toLowerCase());
}
