// The trait of a qualified path was rewritten with what follows its `>`, which
// dropped the `>`: the output did not parse.
use async_std::io;

fn f<V: Ser, R>(v: V) {
    <V as async_std::Serialize>::serialize(v);
    let _: <R as async_std::io::Read>::Out = todo!();
    <R as ::async_std::io::Read>::read(v);
    let <R as io::Read>::Out { .. } = v;
}
