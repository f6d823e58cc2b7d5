/*
 * The Python function both of pyship's server files use to count the CPUs a container may
 * use, read when the container starts. Python's own os.cpu_count() and os.process_cpu_count()
 * see the host's CPUs (or the affinity mask) but not a CPU quota: `docker run --cpus 1` on an
 * 8-core host still says 8, and 17 gunicorn workers would share one CPU.
 */

/** Python source: `container_cpus(root, affinity)` and its helpers (standard library only). */
export const CONTAINER_CPUS_PY = `# cgroup v2 first, then v1: Docker and Kubernetes mount the container's own cgroup here.
CGROUP = "/sys/fs/cgroup"
CPUSET_FILES = ("cpuset.cpus.effective", "cpuset/cpuset.effective_cpus", "cpuset/cpuset.cpus")
QUOTA_DIRS_V1 = ("cpu", "cpu,cpuacct", "cpuacct,cpu")


def container_cpus(root=CGROUP, affinity=None):
    """The fewest CPUs any limit allows: affinity mask, cpuset, CFS quota (rounded up)."""
    if affinity is None:
        affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    counts = [affinity or 1]
    for name in CPUSET_FILES:
        listed = _read(root, name)
        if listed:
            counts.append(_cpuset_size(listed))
            break
    quota = _cpu_quota(root)
    if quota is not None:
        counts.append(quota)
    return max(1, min(counts))


def _read(root, name):
    try:
        with open(os.path.join(root, name)) as file:
            return file.read().strip()
    except OSError:
        return ""


def _cpuset_size(listed):
    """'0-3,6' -> 5."""
    try:
        size = 0
        for part in listed.split(","):
            first, _, last = part.partition("-")
            size += int(last or first) - int(first) + 1
        return size
    except ValueError:
        return 1 << 30


def _cpu_quota(root):
    """cgroup v2 cpu.max ('150000 100000' or 'max 100000'), else v1 cfs_quota_us / cfs_period_us."""
    pairs = [_read(root, "cpu.max").split()]
    for folder in QUOTA_DIRS_V1:
        quota = _read(root, folder + "/cpu.cfs_quota_us")
        if quota:
            pairs.append([quota, _read(root, folder + "/cpu.cfs_period_us")])
    for pair in pairs:
        try:
            quota, period = int(pair[0]), int(pair[1])
        except (IndexError, ValueError):
            continue
        if quota > 0 and period > 0:
            return math.ceil(quota / period)
    return None
`;
