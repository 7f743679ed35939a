package rnn

// DType names the element type a node's values stand for. Every tensor
// stores float32 values; the type records what they mean so that graphs
// read like TensorFlow's (tf.equal gives booleans, tf.argmax integers) and
// so that arithmetic on booleans is reported instead of silently done.
type DType int

// The element types. Int64 and Int32 values are integral float32s (exact
// up to 2^24, enough for class ids, token ids and indices); Bool values are
// 0 or 1.
const (
	Float32 DType = iota + 1
	Int64
	Bool
	Int32
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
	case Int32:
		return "int32"
	}
	return "invalid"
}

func (d DType) valid() bool { return d >= Float32 && d <= Int32 }

// integer reports whether values of the type are whole numbers.
func (d DType) integer() bool { return d == Int64 || d == Int32 }
