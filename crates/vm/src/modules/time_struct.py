# The parts of the `time` module written in Python (run by time.rs when the module is made):
# struct_time and the calendar functions, on UTC (Taipan has no time-zone database yet).

class struct_time(tuple):
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    _fields = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')

    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        if len(seq) < 9:
            raise TypeError(f"time.struct_time() takes an at least 9-sequence ({len(seq)}-sequence given)")
        if len(seq) > 11:
            raise TypeError(f"time.struct_time() takes an at most 11-sequence ({len(seq)}-sequence given)")
        self = tuple.__new__(cls, seq[:9])
        self.__dict__['tm_zone'] = seq[9] if len(seq) > 9 else None
        self.__dict__['tm_gmtoff'] = seq[10] if len(seq) > 10 else None
        return self

    def __repr__(self):
        return 'time.struct_time(' + ', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self)) + ')'

    def __reduce__(self):
        return (struct_time, (tuple(self), {}))


def _field(i):
    return property(lambda self: tuple.__getitem__(self, i))


for _i, _n in enumerate(struct_time._fields):
    setattr(struct_time, _n, _field(_i))
del _i, _n, _field
struct_time.__module__ = 'time'

_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_DAYS_FULL = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')
_MONTHS_FULL = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                'October', 'November', 'December')
timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')


def _seconds(secs):
    if secs is None:
        return int(time())
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        if secs in (float('inf'), float('-inf')):
            raise OverflowError("timestamp out of range for platform time_t")
        return int(secs // 1)
    return secs.__index__()


def _is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _civil(days):
    # Days since 1970-01-01 to (year, month, day), on the proleptic Gregorian calendar.
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def gmtime(secs=None):
    s = _seconds(secs)
    days, rem = divmod(s, 86400)
    y, m, d = _civil(days)
    yday = days - _days_from_civil(y, 1, 1) + 1
    return struct_time((y, m, d, rem // 3600, rem % 3600 // 60, rem % 60, (days + 3) % 7, yday, 0, 'UTC', 0))


def localtime(secs=None):
    return gmtime(secs)


def mktime(t):
    t = _as_tuple(t, 'mktime')
    days = _days_from_civil(t[0], 1, 1) + sum(_month_days(t[0], m) for m in range(1, t[1])) + t[2] - 1
    return float(days * 86400 + t[3] * 3600 + t[4] * 60 + t[5])


def _month_days(y, m):
    return (31, 29 if _is_leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]


def _as_tuple(t, name):
    if t is None:
        return localtime()
    if not isinstance(t, tuple):
        raise TypeError(f"Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError(f"{name}(): illegal time tuple argument")
    return t


def asctime(t=None):
    t = _as_tuple(t, 'asctime')
    return '%s %s %2d %02d:%02d:%02d %d' % (_DAYS[t[6] % 7], _MONTHS[(t[1] - 1) % 12], t[2], t[3], t[4], t[5], t[0])


def ctime(secs=None):
    return asctime(localtime(secs))


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError(f"strftime() argument 1 must be str, not {type(format).__name__}")
    t = _as_tuple(t, 'strftime')
    y, mo, d, h, mi, s, wd, yd = t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        k = format[i + 1]
        i += 2
        if k == 'Y': out.append(str(y))
        elif k == 'm': out.append('%02d' % mo)
        elif k == 'd': out.append('%02d' % d)
        elif k == 'e': out.append('%2d' % d)
        elif k == 'H': out.append('%02d' % h)
        elif k == 'I': out.append('%02d' % ((h + 11) % 12 + 1))
        elif k == 'M': out.append('%02d' % mi)
        elif k == 'S': out.append('%02d' % s)
        elif k == 'p': out.append('AM' if h < 12 else 'PM')
        elif k == 'y': out.append('%02d' % (y % 100))
        elif k == 'C': out.append('%02d' % (y // 100))
        elif k == 'j': out.append('%03d' % yd)
        elif k == 'a': out.append(_DAYS[wd % 7])
        elif k == 'A': out.append(_DAYS_FULL[wd % 7])
        elif k == 'b' or k == 'h': out.append(_MONTHS[(mo - 1) % 12])
        elif k == 'B': out.append(_MONTHS_FULL[(mo - 1) % 12])
        elif k == 'w': out.append(str((wd + 1) % 7))
        elif k == 'u': out.append(str(wd + 1))
        elif k == 'U': out.append('%02d' % ((yd + 6 - (wd + 1) % 7) // 7))
        elif k == 'W': out.append('%02d' % ((yd + 6 - wd) // 7))
        elif k == 'Z': out.append('UTC')
        elif k == 'z': out.append('+0000')
        elif k == 'c': out.append(asctime(t))
        elif k == 'x': out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'X' or k == 'T': out.append('%02d:%02d:%02d' % (h, mi, s))
        elif k == 'D': out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'F': out.append('%d-%02d-%02d' % (y, mo, d))
        elif k == 'R': out.append('%02d:%02d' % (h, mi))
        elif k == 'n': out.append('\n')
        elif k == 't': out.append('\t')
        elif k == '%': out.append('%')
        else: out.append('%' + k)
    return ''.join(out)
