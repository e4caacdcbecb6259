//! `innspill-sample`: write the generated sample world.

fn main() {
    eprintln!("innspill-sample: generator not built yet");
    std::process::exit(2);
}
