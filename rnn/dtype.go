package rnn

// DType names the element type a node's values stand for. Every tensor
// stores float32 values; the type records what they mean so that graphs
// read like TensorFlow's (tf.equal gives booleans, tf.argmax integers) and
// so that arithmetic on booleans is reported instead of silently done.
type DType int

// The element types. Int64 values are integral float32s; Bool values are 0
// or 1.
const (
	Float32 DType = iota + 1
	Int64
	Bool
)

// None marks a dimension that is unknown until a tensor is fed, like
// TensorFlow's None in a placeholder's shape.
const None = -1

// String returns the TensorFlow spelling of the type.
func (d DType) String() string {
	switch d {
	case Float32:
		return "float32"
	case Int64:
		return "int64"
	case Bool:
		return "bool"
	}
	return "invalid"
}

func (d DType) valid() bool { return d >= Float32 && d <= Bool }
