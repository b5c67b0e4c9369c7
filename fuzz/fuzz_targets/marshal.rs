//! Fuzz marshal and `.pyc` reading: arbitrary bytes as marshal data and as a `.pyc` file (as
//! given, and behind a valid header). Reading must never panic; an error's offset lies within
//! the data; a value read must write, and read back equal (also once its sets are put in
//! CPython's order); a `.pyc` read must write and read back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_pyc::header::HEADER_LEN;
use taipan_pyc::magic::MAGIC;
use taipan_pyc::marshal::{dumps, loads, loads_prefix, sort_sets};
use taipan_pyc::{read_pyc, write_pyc};

fuzz_target!(|data: &[u8]| {
    check_marshal(data);
    check_pyc(data);
    let mut file = MAGIC.to_vec();
    file.extend([0; HEADER_LEN - 4]);
    file.extend_from_slice(data);
    check_pyc(&file);
});

fn check_marshal(data: &[u8]) {
    match loads_prefix(data) {
        Ok((value, used)) => {
            assert!(used <= data.len(), "used {used} of {} bytes", data.len());
            let written = dumps(&value);
            let again = loads(&written).expect("dumps wrote what loads refuses");
            assert_eq!(again, value, "dumps then loads changed the value");
            let mut sorted = value.clone();
            sort_sets(&mut sorted).expect("a value read is never too deep to sort");
            assert_eq!(sorted, value, "sorting changed a set's items");
            assert_eq!(loads(&dumps(&sorted)).expect("sorted value"), sorted);
        }
        Err(error) => {
            assert!(
                error.offset <= data.len(),
                "{error} past {} bytes",
                data.len()
            );
            let _ = error.to_string();
        }
    }
}

fn check_pyc(data: &[u8]) {
    match read_pyc(data) {
        Ok(pyc) => {
            let written = write_pyc(&pyc);
            let again = read_pyc(&written).expect("write_pyc wrote what read_pyc refuses");
            assert_eq!(again, pyc, "write_pyc then read_pyc changed the file");
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}
