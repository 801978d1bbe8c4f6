// The body of a request as the service reads it: a string that grows with the bytes that
// arrive, never reserved up front to the length a client declares.
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <exception>
#include <string>

namespace onething::serve_detail {

/// A Beast body read into a std::string. Beast's string_body reserves a declared
/// Content-Length before any byte arrives, so a client declaring the body limit would hold
/// that much memory at once, and a limit above what the machine has would end the process.
/// This one grows as bytes arrive, and running out of memory is an error of the read
/// (`not_enough_memory`, answered 503), never an exception out of the I/O thread.
struct GrowingStringBody {
    /// The body's bytes.
    using value_type = std::string;

    /// The body's length, for the parser's checks.
    static std::uint64_t size(const value_type& body) { return body.size(); }

    /// Appends the bytes the parser hands on.
    class reader {
      public:
        /// Reads into `body`.
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

        /// Nothing to reserve: the body grows with what arrives.
        void init(const boost::optional<std::uint64_t>&, boost::beast::error_code& error) {
            error = {};
        }

        /// Appends `buffers`; out of memory, appends nothing and says so.
        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& error) {
            const std::size_t bytes = boost::asio::buffer_size(buffers);
            const std::size_t at = body_.size();
            try {
                body_.resize(at + bytes);      // grows geometrically, as append does
            } catch (const std::exception&) {  // std::bad_alloc, or std::length_error
                error =
                    boost::system::errc::make_error_code(boost::system::errc::not_enough_memory);
                return 0;
            }
            boost::asio::buffer_copy(boost::asio::buffer(body_.data() + at, bytes), buffers);
            error = {};
            return bytes;
        }

        /// Nothing left to do.
        void finish(boost::beast::error_code& error) { error = {}; }

      private:
        value_type& body_;
    };
};

}  // namespace onething::serve_detail
