import struct, random
def esc(s):
    out=[]
    for ch in s:
        o=ord(ch)
        if ch=='\\': out.append('\\\\')
        elif 0x20 <= o < 0x7f: out.append(ch)
        else: out.append('\\u{%x}'%o)
    return ''.join(out)
def fbits(x): return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]
def result(fn):
    try:
        r = fn()
        return 'ok\t'+esc(r)
    except (ValueError, OverflowError, MemoryError) as e:
        return 'err\t%s\t%s' % (type(e).__name__, esc(str(e)))
def rand_float(rng):
    k = rng.random()
    if k < 0.25:
        return struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0]
    if k < 0.35:
        return struct.unpack('<d', struct.pack('<Q', rng.getrandbits(52)))[0] * rng.choice([1,-1])  # subnormal
    if k < 0.45:
        return rng.choice([0.0,-0.0,float('inf'),float('-inf'),float('nan'),1.0,-1.0,0.5,0.125,2.5,0.375,1e16,1e17,1e15,9.999999e15,1e-4,1e-5,9.9995e-5,0.1,0.2,0.3,2.675,1.005,5e-324,1.7976931348623157e308,1e22,1e23,123456789.0,0.999999,9.9999999,99.5,0.05,0.0005,1234.5,-2.5,-0.5])
    if k < 0.7:
        # short decimals: ties and round numbers
        d = rng.randint(0, 10**rng.randint(1,8))
        e = rng.randint(-12, 12)
        return float('%de%d' % (d, e)) * rng.choice([1,-1])
    if k < 0.85:
        # half-way-ish decimals
        return float('%d.%d5' % (rng.randint(0,1000), rng.randint(0,10**rng.randint(0,6)))) * rng.choice([1,-1])
    return rng.uniform(-1e6, 1e6) * 10.0 ** rng.randint(-30, 30)
