//! The `time` module: clocks and `sleep` (Rust), `struct_time` and the calendar functions
//! (Python source, `time_struct.py`).

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::argparse;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

fn start() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(Instant::now)
}

pub fn make(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "time");
    let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) else {
        return m;
    };
    let fns: [(&'static str, crate::function::NativeFn); 8] = [
        ("time", |_vm, _a| {
            Ok(Value::float(
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs_f64())
                    .unwrap_or(0.0),
            ))
        }),
        ("time_ns", |vm, _a| {
            Ok(vm.new_int_big(num_bigint::BigInt::from(
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            )))
        }),
        ("perf_counter", |_vm, _a| {
            Ok(Value::float(start().elapsed().as_secs_f64()))
        }),
        ("perf_counter_ns", |vm, _a| {
            Ok(vm.new_int_big(num_bigint::BigInt::from(start().elapsed().as_nanos())))
        }),
        ("monotonic", |_vm, _a| {
            Ok(Value::float(start().elapsed().as_secs_f64()))
        }),
        ("monotonic_ns", |vm, _a| {
            Ok(vm.new_int_big(num_bigint::BigInt::from(start().elapsed().as_nanos())))
        }),
        ("process_time", |_vm, _a| {
            Ok(Value::float(start().elapsed().as_secs_f64()))
        }),
        ("sleep", |vm, a| {
            let p = argparse::exact(vm, &a, "sleep", 1)?;
            let secs = crate::objects::float::float_from_value(vm, &p[0])?;
            if secs < 0.0 {
                return Err(vm.value_error("sleep length must be non-negative"));
            }
            if secs.is_finite() {
                std::thread::sleep(Duration::from_secs_f64(secs.min(1e9)));
            }
            Ok(Value::None)
        }),
    ];
    for (name, f) in fns {
        let v = crate::objects::function(vm, name, f, Some("time"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    run_python_part(vm, &d);
    m
}

/// `struct_time`, `gmtime`, `localtime`, `mktime`, `asctime`, `ctime` and `strftime` are
/// Python source run in the module's namespace (integer calendar arithmetic; local time is
/// UTC for now).
fn run_python_part(vm: &mut Vm, module_dict: &Obj) {
    const SOURCE: &str = include_str!("time_struct.py");
    let Ok(code) = crate::compile::compile_text(vm, SOURCE, "<time>", "exec", 0) else {
        return;
    };
    let builtins = vm.builtins_dict();
    let frame = crate::frame::Frame::new(
        code,
        module_dict.clone(),
        builtins,
        Some(Value::Obj(module_dict.clone())),
    );
    let _ = vm.run_frame(frame);
}
