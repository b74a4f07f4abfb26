package gather.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * A connected Unix domain socket channel seen as a {@link Socket}, only so that the JDK's TLS can
 * be layered over it ({@code SSLSocketFactory.createSocket(Socket, ...)} takes a Socket, and a
 * Unix channel has none: its {@code socket()} is unsupported). Streams, close and shutdown go to
 * the channel; TCP options are ignored; a read timeout is not supported (reads are bounded by
 * closing the channel instead).
 */
final class ChannelSocket extends Socket {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private int soTimeout;
    private volatile boolean inputShut;
    private volatile boolean outputShut;

    ChannelSocket(SocketChannel channel) throws SocketException {
        super((SocketImpl) null);
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public boolean isConnected() {
        return channel.isConnected();
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        inputShut = true;
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        outputShut = true;
        channel.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return inputShut;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShut;
    }

    @Override
    public void setSoTimeout(int timeout) {
        soTimeout = timeout; // not enforceable on a blocking channel: kept so that TLS can read it back
    }

    @Override
    public int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // not TCP
    }

    @Override
    public boolean getTcpNoDelay() {
        return false;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
        // not TCP
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ChannelSocket[" + getRemoteSocketAddress() + "]";
    }
}
